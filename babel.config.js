// babel-preset-taro for the builds; jest uses the same file through babel-jest.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]]
}
