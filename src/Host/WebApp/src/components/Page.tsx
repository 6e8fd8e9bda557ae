import { useEffect, useRef, type ReactNode } from 'react'

let firstPage = true

/**
 * A page's title: the document's title too, and where focus goes after a navigation, so that screen reader users
 * hear that the page changed (a full page load would have told them).
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    document.title = `${title} — Pathway`
  }, [title])

  useEffect(() => {
    if (firstPage) firstPage = false
    else heading.current?.focus()
  }, [])

  return (
    <>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions}
      </div>
      {children}
    </>
  )
}
