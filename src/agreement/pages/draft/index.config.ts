export default definePageConfig({ navigationBarTitleText: '起草调解协议' })
