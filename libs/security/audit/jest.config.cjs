module.exports = {
  displayName: 'audit',
  preset: '../../../jest.preset.cjs',
  rootDir: __dirname,
};
