// Taro's H5 runtime expects these browser APIs in jsdom.
export {}
