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
import { configure } from '@testing-library/react'

// waitFor/findBy give up after 1 s by default; a 300 ms debounce plus rendering on a busy 2-core machine can
// come close. Passing tests do not wait longer for this, failing ones just take longer to say so.
configure({ asyncUtilTimeout: 3000 })

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
