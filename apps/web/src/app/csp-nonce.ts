/**
 * The nonce of this page's Content-Security-Policy (the server puts it in a meta tag of every page it serves).
 * Ant Design's own styles receive it through ConfigProvider; a few of its helpers (scroll-bar measuring of
 * tables, scroll locking of dialogs) insert a <style> without passing it, so every <style> element created
 * on this page is given the nonce at creation. Scripts are unaffected: the policy admits ours by origin only.
 */
export function installStyleNonce(doc: Document = document): string | undefined {
  const content = doc.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  const nonce = content && content !== '__CSP_NONCE__' ? content : undefined;
  if (!nonce) return undefined;
  const create = doc.createElement.bind(doc) as (tag: string, options?: ElementCreationOptions) => HTMLElement;
  doc.createElement = ((tag: string, options?: ElementCreationOptions) => {
    const element = create(tag, options);
    if (tag.toLowerCase() === 'style') element.nonce = nonce;
    return element;
  }) as Document['createElement'];
  return nonce;
}
