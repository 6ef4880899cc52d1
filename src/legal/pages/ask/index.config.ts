export default definePageConfig({ navigationBarTitleText: '咨询法律顾问' })
