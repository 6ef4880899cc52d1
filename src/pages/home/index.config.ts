export default definePageConfig({ navigationBarTitleText: '民安' })
