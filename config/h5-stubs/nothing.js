// Stands in, in the H5 production build, for polyfills of what every browser 民安 supports already has (fetch,
// AbortController): @tarojs/taro-h5 imports them unconditionally (see config/prod.ts).
