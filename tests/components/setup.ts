/**
 * Setup for the component layer (runs after the test framework, before each test file).
 *
 * Taro's H5 components need nothing here: each React wrapper from @tarojs/components/lib/react defines its Stencil
 * custom element when imported, and jsdom's customElements runs them (the Input renders its inner <input>, a click
 * on a <Button> reaches onClick). What the layer does need is to notice errors that never reach the test: an
 * exception in an event handler or effect is only printed by jsdom/React through console.error, and an act()
 * warning means the test looked at the screen before React finished. Both fail the test here.
 */
import { format } from 'node:util'
import { configure, getConfig } from '@testing-library/react'
import { installFrames, taroReady, whileWaiting } from './taro-ready'

// Taro's components draw themselves in animation frames that run while a test waits, not in between (taro-ready.ts).
installFrames()

// waitFor/findBy give up after 1 s by default; a 300 ms debounce plus rendering on a busy 2-core machine can
// come close. Passing tests do not wait longer for this, failing ones just take longer to say so.
configure({ asyncUtilTimeout: 3000 })

// Whatever a test waited for, it then acts on a page whose Taro components have drawn themselves, as a person would.
const waitAsUsual = getConfig().asyncWrapper
configure({
  asyncWrapper: async (waiting) => {
    const result = await whileWaiting(() => waitAsUsual(waiting))
    await taroReady()
    return result
  }
})

const original = console.error
let reported: string[] = []

beforeEach(() => {
  reported = []
  console.error = (...args: unknown[]) => {
    reported.push(format(...args))
    original(...args)
  }
})

afterEach(() => {
  console.error = original
  if (reported.length) throw new Error(`console.error was called during the test:\n${reported.join('\n---\n')}`)
})
