export default definePageConfig({ navigationBarTitleText: '服务站预约', enablePullDownRefresh: true })
