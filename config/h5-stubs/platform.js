// Stands in, in the H5 production build, for platform.js (15 KB of user-agent tables in every first load), which
// @tarojs/taro-h5 imports only to fill getSystemInfo's brand, model, system and platform. 民安 reads none of them
// (it asks getSystemInfoSync for the language alone); the operating system is still named from the user agent.
/* global navigator */
var ua = typeof navigator === 'undefined' ? '' : navigator.userAgent
var family = /iPhone|iPad|iPod/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'OS X' : /Linux/.test(ua) ? 'Linux' : null
module.exports = { os: { family: family, toString: function () { return family || 'unknown' } }, manufacturer: null, product: null }
