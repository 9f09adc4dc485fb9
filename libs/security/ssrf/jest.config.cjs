module.exports = {
  displayName: 'ssrf',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
