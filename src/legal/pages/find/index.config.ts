export default definePageConfig({ navigationBarTitleText: '法律顾问' })
