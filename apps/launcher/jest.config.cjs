module.exports = {
  displayName: 'launcher',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
