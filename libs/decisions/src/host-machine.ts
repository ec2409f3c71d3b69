/**
 * The machine version this host starts new decisions on. Machine v2 is the procedure's current
 * version, but the host starts on v1 until it provides what v2 needs (its payload fields, the
 * unit registry, grouped comment summaries); decisions keep their version to the end either way.
 */
export const HOST_MACHINE_VERSION = 1;
