/**
 * A handwritten signature: strokes drawn with a finger (or a mouse) on a canvas, given back as a PNG data URL. On H5
 * it is a plain <canvas> with pointer events; on weapp the Canvas 2D component, whose node is looked up once it is
 * laid out and drawn on from its touch events (their x and y are already relative to the canvas).
 */
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { forwardRef, useEffect, useImperativeHandle, useRef, type PointerEvent as ReactPointerEvent } from 'react'

export interface SignaturePadHandle {
  /** The drawing as a PNG data URL, or null while nothing is drawn. */
  toDataUrl(): Promise<string | null>
  clear(): void
}

interface Ctx2d {
  beginPath(): void
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
  stroke(): void
  clearRect(x: number, y: number, w: number, h: number): void
  lineWidth: number
  lineCap: string
  lineJoin: string
  strokeStyle: string
}
interface CanvasLike {
  width: number
  height: number
  getContext(kind: '2d'): Ctx2d | null
  toDataURL(type?: string): string
}

const WIDTH = 320
const HEIGHT = 140

export const SignaturePad = forwardRef<SignaturePadHandle, { label: string; onDraw?: () => void }>(function SignaturePad({ label, onDraw }, ref) {
  const canvas = useRef<CanvasLike | null>(null)
  const drawn = useRef(false)
  const last = useRef<{ x: number; y: number } | null>(null)
  const h5 = process.env.TARO_ENV === 'h5'

  const ctx = () => {
    const c = canvas.current?.getContext('2d') ?? null
    if (c) {
      c.lineWidth = 3
      c.lineCap = 'round'
      c.lineJoin = 'round'
      c.strokeStyle = '#111111'
    }
    return c
  }
  const start = (x: number, y: number) => {
    last.current = { x, y }
  }
  const move = (x: number, y: number) => {
    const c = ctx()
    if (!c || !last.current) return
    c.beginPath()
    c.moveTo(last.current.x, last.current.y)
    c.lineTo(x, y)
    c.stroke()
    last.current = { x, y }
    if (!drawn.current) {
      drawn.current = true
      onDraw?.()
    }
  }
  const end = () => {
    last.current = null
  }

  useEffect(() => {
    if (h5) return
    // weapp: the Canvas 2D node, sized for the screen's pixel ratio.
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select('#signature-pad')
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasLike }[]) => {
          const node = res?.[0]?.node
          if (!node) return
          node.width = WIDTH
          node.height = HEIGHT
          canvas.current = node
        })
    })
  }, [h5])

  useImperativeHandle(ref, () => ({
    async toDataUrl() {
      if (!drawn.current || !canvas.current) return null
      return canvas.current.toDataURL('image/png')
    },
    clear() {
      ctx()?.clearRect(0, 0, WIDTH, HEIGHT)
      drawn.current = false
    }
  }))

  const at = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect()
    const scaleX = box.width ? WIDTH / box.width : 1
    const scaleY = box.height ? HEIGHT / box.height : 1
    return [(e.clientX - box.left) * scaleX, (e.clientY - box.top) * scaleY] as const
  }

  if (h5) {
    return (
      <View className='ag-pad'>
        <canvas
          ref={(el) => void (canvas.current = el as unknown as CanvasLike | null)}
          className='ag-pad__canvas'
          width={WIDTH}
          height={HEIGHT}
          aria-label={label}
          role='img'
          style={{ touchAction: 'none' }}
          onPointerDown={(e) => start(...at(e))}
          onPointerMove={(e) => move(...at(e))}
          onPointerUp={end}
          onPointerLeave={end}
        />
      </View>
    )
  }
  type Touch = { touches: { x: number; y: number }[] }
  return (
    <View className='ag-pad'>
      <Canvas
        id='signature-pad'
        type='2d'
        className='ag-pad__canvas'
        style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}
        disableScroll
        onTouchStart={(e) => start((e as unknown as Touch).touches[0].x, (e as unknown as Touch).touches[0].y)}
        onTouchMove={(e) => move((e as unknown as Touch).touches[0].x, (e as unknown as Touch).touches[0].y)}
        onTouchEnd={end}
      />
    </View>
  )
})
