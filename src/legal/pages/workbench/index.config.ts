export default definePageConfig({ navigationBarTitleText: '法律顾问工作台', enablePullDownRefresh: true })
