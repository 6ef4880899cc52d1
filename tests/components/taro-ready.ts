/**
 * Taro's H5 components are Stencil custom elements. When React creates one, Stencil arms its property watchers at once
 * but draws the element's inner DOM (the <input> of an Input, say) only in the next animation frame. A property change
 * in between — a click that sets an Input's value while the Input is still blank — runs the watcher on an inner element
 * that does not exist yet (`taro-input-core`'s watchValue reads `this.inputRef.value`), and Stencil reports the
 * TypeError through console.error. A person cannot tap an element that is not drawn; a test can, when the machine is
 * busy and the frame comes late.
 *
 * So this layer takes the frames into its own hands. Animation frames run while a test waits for the page (every
 * findBy/waitFor, see tests/components/setup.ts), and before the wait returns every frame has run (taroReady); a test
 * that never waits gets them only after LATE_FRAME_MS. A test that acts on a component before it has drawn itself
 * therefore fails on every run, on any machine, instead of once in a while on a busy one; a test that waits as a
 * person does always passes.
 */
import { act } from '@testing-library/react'

const LATE_FRAME_MS = 1000

const frames = new Map<number, FrameRequestCallback>()
let lastFrame = 0

/** Runs every animation frame requested so far (the ones those frames request wait for the next call). */
function runFrames(): void {
  const due = [...frames.values()]
  frames.clear()
  for (const draw of due) draw(performance.now())
}

/** Replaces jsdom's 60 Hz animation frames with frames that run when the test waits, or late. */
export function installFrames(): void {
  window.requestAnimationFrame = (draw: FrameRequestCallback) => {
    const id = ++lastFrame
    frames.set(id, draw)
    window.setTimeout(() => {
      if (frames.delete(id)) draw(performance.now())
    }, LATE_FRAME_MS)
    return id
  }
  window.cancelAnimationFrame = (id: number) => void frames.delete(id)
}

/** Runs `wait` (a findBy/waitFor) with frames drawn as they come, then draws whatever is left. */
export async function whileWaiting<T>(wait: () => Promise<T>): Promise<T> {
  const pump = setInterval(runFrames, 16)
  try {
    return await wait()
  } finally {
    clearInterval(pump)
  }
}

/**
 * Resolves once the page has drawn all it asked to draw: every animation frame requested so far has run, and so have
 * the frames those asked for, until none is left. (Not "every Taro element is hydrated": in jsdom a Picker's column
 * never finishes loading, and Stencil holds its ancestors' ready state back with it.)
 */
export async function taroReady(): Promise<void> {
  for (let round = 0; frames.size > 0; round++) {
    if (round === 50) throw new Error(`the page still asks for animation frames after ${round} rounds`)
    await act(async () => {
      runFrames()
      await new Promise((settled) => setTimeout(settled, 0))
    })
  }
}
