scenario('probe', (dir) => {
  rec('mk', () => fs.mkdirSync(root + '/p/q', { recursive: true }));
  rec('mk2', () => fs.mkdirSync(root + '/p/q/r'));
  rec('mk3', () => fs.mkdirSync(root + '/p/z'));
  rec('mk4', () => fs.mkdirSync(root + '/pp'));
  rec('mk5', () => fs.mkdirSync(root + '/pp/z'));
});
