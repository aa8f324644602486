// aws-local-stepfunctions 3 calls Promise.withResolvers, which Node gained in version 22. This fills the gap on
// Node 20 (the machine's default) and does nothing on newer versions.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
