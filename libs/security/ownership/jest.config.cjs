module.exports = {
  displayName: 'ownership',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
