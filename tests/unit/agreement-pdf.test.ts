/** The agreement PDF: Chinese text embedded as a per-document subset, read back from the file as the app shows it. */
import sharp from 'sharp'
import { findCjkFont, renderAgreementPdf, type AgreementPdfInput } from '../../cloud/ports/pdf'
import { documentSections, documentTitle, type AgreementContent } from '../../cloud/domain/mediation/agreement'
import { pdfText, squeeze } from '../support/pdf-text'

const content: AgreementContent = {
  applicant: { name: '张三', details: '男，1980年5月生，住惠州市惠城区桥东街道' },
  respondent: { name: '李四', details: '女，1975年3月生，住惠州市惠城区桥东街道' },
  facts: '双方系楼上楼下邻居。2026年10月起，被申请人家中卫生间漏水，造成申请人家天花板霉变、墙面脱落。申请人多次协商未果，遂申请调解。',
  disputedMatters: '漏水原因及维修责任；申请人损失的赔偿数额。',
  responsibilities: '经现场查看，漏水系被申请人卫生间防水层老化所致，被申请人负全部责任。',
  terms: '一、被申请人负责修复其卫生间防水层；二、被申请人赔偿申请人天花板、墙面修复费用人民币3,200元；三、双方今后和睦相处，互不追究。',
  performance: [
    { obligor: 'respondent', what: '修复卫生间防水层', how: '自行请人维修，完工后通知申请人查看', dueDate: '2026-12-31' },
    { obligor: 'respondent', what: '支付赔偿款人民币3,200元', how: '银行转账至申请人账户', dueDate: '2026-12-15' }
  ]
}

const font = findCjkFont()
const maybe = font ? it : it.skip

describe('the agreement PDF', () => {
  it('finds the Noto CJK font that fonts-noto-cjk installs', () => {
    // .ci/run installs fonts-noto-cjk; without it there is no PDF, and this says so instead of skipping quietly.
    expect(font).not.toBeNull()
  })

  maybe('carries the same text as the app, its effective date and check code, in a small file', async () => {
    const signature = await sharp({ create: { width: 300, height: 120, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } } })
      .composite([{ input: Buffer.from('<svg width="300" height="120"><path d="M10 80 C 60 10, 120 110, 290 30" stroke="black" stroke-width="4" fill="none"/></svg>') }])
      .png()
      .toBuffer()
    const sections = documentSections('written', content)
    const input: AgreementPdfInput = {
      title: documentTitle('written'),
      subtitle: ['编号：44130220261207-0042-1', '惠州市惠城区桥东街道人民调解委员会'],
      sections,
      signatures: [
        { label: '申请人（签名）', png: signature, line: '2026年12月7日' },
        { label: '被申请人（签名）', png: signature, line: '2026年12月7日' },
        { label: '人民调解员（签名）', png: signature, line: '2026年12月7日' },
        { label: '人民调解委员会（印章）', png: null, line: '2026年12月8日' }
      ],
      footer: ['本协议自2026年12月8日起生效。', '核验码：K7Q2-M9XD-4TJA-8PWE（可向调解委员会核验真伪）']
    }
    const started = Date.now()
    const bytes = await renderAgreementPdf(input, font!)
    const ms = Date.now() - started
    const { text, pages } = await pdfText(bytes)
    const read = squeeze(text)
    for (const s of sections) {
      expect(read).toContain(squeeze(s.heading))
      expect(read).toContain(squeeze(s.body))
    }
    expect(read).toContain(squeeze(input.title))
    expect(read).toContain('本协议自2026年12月8日起生效。')
    expect(read).toContain('核验码：K7Q2-M9XD-4TJA-8PWE')
    expect(pages).toBeLessThanOrEqual(2)
    // The whole Noto Sans CJK face is 16 MB; a subset of the few hundred characters used stays small.
    expect(bytes.length).toBeLessThan(200 * 1024)
    console.log(`agreement PDF: ${bytes.length} bytes, ${pages} page(s), ${ms} ms`)
  })

  maybe('embeds only the characters the document uses: more text, a larger subset', async () => {
    const small = await renderAgreementPdf({ title: '协议', subtitle: [], sections: [], signatures: [], footer: [] }, font!)
    const large = await renderAgreementPdf({ title: '协议', subtitle: [], sections: documentSections('written', content), signatures: [], footer: [] }, font!)
    expect(small.length).toBeLessThan(large.length)
    expect(small.length).toBeLessThan(80 * 1024)
  })
})
