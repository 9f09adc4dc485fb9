module.exports = {
  displayName: 'passport',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
