export default defineContentScript({
  matches: ['https://kick.com/*', 'https://www.kick.com/*'],
  cssInjectionMode: 'ui',
  main() {
    document.documentElement.dataset.kickUserCards = 'ready';
  },
});
