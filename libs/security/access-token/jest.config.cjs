module.exports = {
  displayName: 'access-token',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
