export default defineAppConfig({
  pages: ['pages/home/index', 'pages/matters/index', 'pages/me/index', 'pages/signin/index'],
  subPackages: [
    { root: 'petition', pages: ['pages/file/index', 'pages/detail/index'] },
    { root: 'staff', pages: ['pages/queue/index', 'pages/case/index'] }
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '民安',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#4a4a4a',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/home/index', text: '首页' },
      { pagePath: 'pages/matters/index', text: '我的事项' },
      { pagePath: 'pages/me/index', text: '我的' }
    ]
  },
  lazyCodeLoading: 'requiredComponents'
})
