console.log('hello world')
