// Pages of a streamed trail: small enough that a page's objects die young. A page lives while the next one is
// read ahead and while it is written out; at 500 events that outlived two scavenges and was promoted (~2 MB a
// scavenge, the old generation growing until a full GC: a 100,000-event history +111 MiB RSS with 8 MiB
// semi-spaces); at 100, +57 MiB for the same CPU.
export const STREAM_PAGE = 100;
