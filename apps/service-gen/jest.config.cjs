module.exports = {
  displayName: 'service-gen',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
