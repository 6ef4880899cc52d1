export default definePageConfig({ navigationBarTitleText: '法律咨询超期情况', enablePullDownRefresh: true })
