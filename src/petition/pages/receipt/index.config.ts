export default definePageConfig({ navigationBarTitleText: '代办回执' })
