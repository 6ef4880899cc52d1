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
    { root: 'agreement', pages: ['pages/view/index', 'pages/sign/index', 'pages/draft/index', 'pages/verify/index'] },
    { root: 'parties', pages: ['pages/join/index', 'pages/case/index'] }
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#b3261e',
    navigationBarTitleText: '民安',
    navigationBarTextStyle: 'white'
  },
  tabBar: {
    color: '#5c5c5c',
    selectedColor: '#b3261e',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      // PNG, as WeChat requires: built from the SVG set by scripts/icons.mjs (81×81, normal and selected).
      { pagePath: 'pages/home/index', text: '首页', iconPath: 'assets/tabbar/home.png', selectedIconPath: 'assets/tabbar/home-selected.png' },
      { pagePath: 'pages/matters/index', text: '我的事项', iconPath: 'assets/tabbar/matters.png', selectedIconPath: 'assets/tabbar/matters-selected.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tabbar/me.png', selectedIconPath: 'assets/tabbar/me-selected.png' }
    ]
  },
  // "Nearest first" asks for a rough location (counselling stations, village legal advisors): getFuzzyLocation, never the
  // precise getLocation (WeChat allows only one of them); a filing's place is marked on the map (chooseLocation).
  // WeChat needs the purpose stated up front.
  permission: { 'scope.userFuzzyLocation': { desc: '用于查找离您最近的心理服务站和村法律顾问' } },
  requiredPrivateInfos: ['getFuzzyLocation', 'chooseLocation'],
  // Which pages WeChat's search may index (src/sitemap.json, copied into dist/ by config/index.ts).
  sitemapLocation: 'sitemap.json',
  lazyCodeLoading: 'requiredComponents'
})
