// A small router over the History API: the app has a handful of pages and needs no more.
import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react'

const listeners = new Set<() => void>()

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  listeners.forEach(listener => listener())
}

/** The current path and query, e.g. `/dossiers?page=2`. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => location.pathname + location.search)
  const url = new URL(href, location.origin)
  return { pathname: url.pathname, search: url.searchParams }
}

/** `/dossiers/:id` against `/dossiers/2026-AB12` → `{ id: '2026-AB12' }`; null when it does not match. */
export function match(pattern: string, pathname: string): Record<string, string> | null {
  const wanted = pattern.split('/')
  const actual = pathname.replace(/\/+$/, '').split('/')
  if (pathname === '/') actual.splice(1)
  if (wanted.length !== actual.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < wanted.length; i++) {
    if (wanted[i].startsWith(':')) params[wanted[i].slice(1)] = decodeURIComponent(actual[i])
    else if (wanted[i] !== actual[i]) return null
  }
  return params
}

export function Link({ to, onClick, ...rest }: { to: string } & AnchorHTMLAttributes<HTMLAnchorElement>) {
  function follow(event: MouseEvent<HTMLAnchorElement>) {
    onClick?.(event)
    // Let the browser handle new tabs and windows.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={follow} {...rest} />
}
