export default definePageConfig({ navigationBarTitleText: '心理服务' })
