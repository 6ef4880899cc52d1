/** Texts of the shared shapes: home's grid and primary action, the back bar, the one-line crisis help. */
import { defineMessages } from './module'

export default defineMessages(
  {
    'home.stats': '办事统计',
    'crisis.line': '心里难受？拨打 12356',
    'crisis.line.label': '心里难受？点这里拨打 12356 心理援助热线，免费、可匿名',
    'nav.back': '返回',
    'nav.home': '回首页'
  },
  {
    'home.stats': '辦事統計',
    'crisis.line': '心裏難受？撥打 12356',
    'crisis.line.label': '心裏難受？點這裏撥打 12356 心理援助熱線，免費、可匿名',
    'nav.back': '返回',
    'nav.home': '回首頁'
  },
  {
    'home.stats': 'Figures',
    'crisis.line': 'Feeling low? Call 12356',
    'crisis.line.label': 'Feeling low? Tap to call the 12356 helpline — free and anonymous',
    'nav.back': 'Back',
    'nav.home': 'Home'
  }
)
