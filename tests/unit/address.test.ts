import { addressText, placeNames } from '../../types/address'

describe('an address names each place once', () => {
  test('a city that is its own county (东莞, 中山) is named once', () => {
    expect(placeNames(['东莞市', '东莞市', '石排镇'])).toEqual(['东莞市', '石排镇'])
    expect(addressText(['东莞市', '东莞市', '石排镇'], '东莞市东莞市石排镇综治中心二楼')).toBe('东莞市石排镇综治中心二楼')
    expect(addressText(['中山市', '中山市', '小榄镇'], '中山市小榄镇党群服务中心三楼')).toBe('中山市小榄镇党群服务中心三楼')
  })

  test('the path is not repeated when the address already starts with it', () => {
    expect(addressText(['惠州市', '惠城区', '桥东街道'], '惠州市惠城区桥东街道综治中心二楼')).toBe('惠州市惠城区桥东街道综治中心二楼')
    expect(addressText(['惠州市', '惠城区', '桥东街道'], '桥东街道综治中心二楼')).toBe('惠州市惠城区桥东街道综治中心二楼')
  })

  test('an address without its path gets it in front; no path leaves the address as it is', () => {
    expect(addressText(['惠州市', '惠城区', '桥东街道'], '东平村党群服务中心')).toBe('惠州市惠城区桥东街道东平村党群服务中心')
    expect(addressText([], ' 东平村党群服务中心 ')).toBe('东平村党群服务中心')
  })
})
