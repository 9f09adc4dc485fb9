module.exports = {
  displayName: 'platform-init',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
