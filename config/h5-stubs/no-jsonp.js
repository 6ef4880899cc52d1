// Stands in for jsonp-retry, which @tarojs/taro-h5 imports for Taro.request({ jsonp: true }): 民安 never asks for JSONP.
module.exports = function jsonpRetry() {
  return Promise.reject(new Error('JSONP is not used by this app'))
}
