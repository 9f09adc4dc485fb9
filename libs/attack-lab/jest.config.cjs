module.exports = {
  displayName: 'attack-lab',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
