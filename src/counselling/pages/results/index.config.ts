export default definePageConfig({ navigationBarTitleText: '我的自评结果' })
