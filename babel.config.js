// babel-preset-taro for the builds; jest uses the same file through babel-jest.
// The weapp build follows package.json's browserslist (ES5: tests/simulate/es5.test.ts). The H5 app supports only
// browsers with ES2017 (WeChat's built-in browser, Chrome/Android WebView ≥ 66, iOS Safari ≥ 12.1: config/prod.ts), so
// its classes, async functions and spreads stay as they are instead of helpers and a regenerator runtime in every
// first load (issue 16).
const h5 = process.env.TARO_ENV === 'h5'
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5', ...(h5 ? { targets: { chrome: '66', ios: '12.1' } } : {}) }]]
}
