// The bearer token lives in sessionStorage: it is gone when the tab is closed, and never shared across tabs.
const key = 'pathway.token'

export const tokens = {
  get: (): string | null => sessionStorage.getItem(key),
  set: (token: string) => sessionStorage.setItem(key, token),
  clear: () => sessionStorage.removeItem(key),
}
