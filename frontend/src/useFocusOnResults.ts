import { useEffect, useRef } from "react";

/**
 * New filters or another page of a list: once it has loaded, move focus to its count, so the
 * result is read out (the form is rebuilt from the URL, so focus would otherwise be lost). A
 * failed request focuses its error summary instead.
 */
export function useFocusOnResults(searchKey: string, isFetching: boolean, isError: boolean) {
  const countRef = useRef<HTMLHeadingElement>(null);
  const previousSearch = useRef(searchKey);
  const focusPending = useRef(false);
  useEffect(() => {
    if (previousSearch.current !== searchKey) {
      previousSearch.current = searchKey;
      focusPending.current = true;
    }
    if (!focusPending.current || isFetching) return;
    focusPending.current = false;
    if (!isError) countRef.current?.focus();
  }, [searchKey, isFetching, isError]);
  return countRef;
}
