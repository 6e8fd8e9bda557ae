import { useCallback, useEffect, useRef, useState } from 'react'

/** Loads now, then again every `seconds` while the tab is visible; `reload` loads at once. */
export function usePolling<T>(load: () => Promise<T>, seconds: number) {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [updatedAt, setUpdatedAt] = useState<Date>()
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    try {
      setData(await loadRef.current())
      setError(undefined)
      setUpdatedAt(new Date())
    } catch (failure) {
      setError(failure)
    }
  }, [])

  useEffect(() => {
    void reload()
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void reload()
    }, seconds * 1000)
    return () => clearInterval(timer)
  }, [reload, seconds])

  return { data, error, updatedAt, reload }
}
