/**
 * Taro's H5 <Button> is a custom element (taro-button-core) without button semantics: no role, no tab stop, no
 * Enter/Space; its showModal buttons are plain divs. Fixing it once here, where the platform falls short, gives every button in the app a keyboard and a
 * screen-reader name, instead of patching each page. H5 only; WeChat's own <button> has these.
 */
/** Taro's button, and the buttons of its showModal dialog (plain divs, class names spelled "model" by Taro). */
const BUTTONS = 'taro-button-core, .taro-model__btn'
const MARK = 'data-minan-button'

function mark(element: Element): void {
  if (!element.hasAttribute('role')) element.setAttribute('role', 'button')
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '0')
  element.setAttribute(MARK, '')
}

/** showModal's box becomes a dialog, and its confirm button takes the focus so a keyboard lands inside it. */
function markDialog(root: Element): void {
  const content = root.querySelector('.taro-modal__content')
  if (!content) return
  content.setAttribute('role', 'alertdialog')
  content.setAttribute('aria-modal', 'true')
  // Named by its title and text (Taro reuses the box and leaves the title empty when there is none).
  root.querySelector('.taro-modal__title')?.setAttribute('id', 'minan-modal-title')
  root.querySelector('.taro-modal__text')?.setAttribute('id', 'minan-modal-text')
  content.setAttribute('aria-labelledby', 'minan-modal-title minan-modal-text')
  ;(root.querySelector('.taro-model__confirm') as HTMLElement | null)?.focus()
}

export function installButtonSemantics(doc: Document): () => void {
  doc.querySelectorAll(BUTTONS).forEach(mark)
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      mutation.addedNodes.forEach((node) => {
        if (!(node instanceof Element)) return
        if (node.matches(BUTTONS)) mark(node)
        node.querySelectorAll(BUTTONS).forEach(mark)
        if (node.classList.contains('taro__modal')) markDialog(node)
      })
    }
  })
  observer.observe(doc.body, { childList: true, subtree: true })
  const onKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null
    if (!target?.hasAttribute(MARK) || (event.key !== 'Enter' && event.key !== ' ')) return
    event.preventDefault()
    target.click()
  }
  doc.addEventListener('keydown', onKey)
  return () => {
    observer.disconnect()
    doc.removeEventListener('keydown', onKey)
  }
}
