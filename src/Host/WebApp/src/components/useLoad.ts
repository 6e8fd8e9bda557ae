import { useCallback, useEffect, useState } from 'react'

/** Loads once per change of `key`; `reload` loads again. */
export function useLoad<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T>()
  const [error, setError] = useState<unknown>()
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let current = true
    setError(undefined)
    load().then(
      result => current && setData(result),
      failure => current && setError(failure),
    )
    return () => {
      current = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version])

  const reload = useCallback(() => setVersion(v => v + 1), [])
  return { data, error, reload }
}
