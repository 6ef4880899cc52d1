/**
 * Taro's H5 <Button> is a custom element (taro-button-core) without button semantics: no role, no tab stop, no
 * Enter/Space. Fixing it once here, where the platform falls short, gives every button in the app a keyboard and a
 * screen-reader name, instead of patching each page. H5 only; WeChat's own <button> has these.
 */
const BUTTON = 'TARO-BUTTON-CORE'

function mark(element: Element): void {
  if (!element.hasAttribute('role')) element.setAttribute('role', 'button')
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '0')
}

export function installButtonSemantics(doc: Document): () => void {
  doc.querySelectorAll('taro-button-core').forEach(mark)
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        if (!(node instanceof Element)) return
        if (node.tagName === BUTTON) mark(node)
        node.querySelectorAll('taro-button-core').forEach(mark)
      })
    }
  })
  observer.observe(doc.body, { childList: true, subtree: true })
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null
    if (target?.tagName !== BUTTON || (event.key !== 'Enter' && event.key !== ' ')) return
    event.preventDefault()
    target.click()
  }
  doc.addEventListener('keydown', onKey)
  return () => {
    observer.disconnect()
    doc.removeEventListener('keydown', onKey)
  }
}
