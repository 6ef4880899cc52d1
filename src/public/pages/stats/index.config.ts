export default definePageConfig({ navigationBarTitleText: '办事统计', enablePullDownRefresh: true })
