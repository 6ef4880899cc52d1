export default defineAppConfig({
  pages: ['pages/home/index', 'pages/matters/index', 'pages/me/index', 'pages/signin/index'],
  subPackages: [
    { root: 'petition', pages: ['pages/file/index', 'pages/detail/index', 'pages/claim/index', 'pages/lookup/index', 'pages/receipt/index'] },
    { root: 'staff', pages: ['pages/queue/index', 'pages/case/index', 'pages/overdue/index', 'pages/workbench/index', 'pages/dashboard/index'] },
    { root: 'counselling', pages: ['pages/stations/index', 'pages/station/index', 'pages/bookings/index', 'pages/screening/index', 'pages/results/index', 'pages/sessions/index', 'pages/station-bookings/index'] },
    { root: 'legal', pages: ['pages/find/index', 'pages/advisor/index', 'pages/ask/index', 'pages/mine/index', 'pages/thread/index', 'pages/workbench/index'] },
    { root: 'public', pages: ['pages/stats/index'] },
    { root: 'messages', pages: ['pages/list/index'] },
    { root: 'account', pages: ['pages/data/index'] },
    { root: 'parties', pages: ['pages/join/index', 'pages/case/index'] }
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
  // "Nearest first" asks for the location (counselling stations, village legal advisors); WeChat needs the purpose stated up front.
  permission: { 'scope.userLocation': { desc: '用于查找离您最近的心理服务站和村法律顾问' } },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  lazyCodeLoading: 'requiredComponents'
})
