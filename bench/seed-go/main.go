// The four tests of the Go article "Golang http请求忘记调用resp.Body.Close()而导致的协程泄漏问题"
// (the text is kept in the study's shared folder as seed/go-resp-body-close-article.zh.txt).
//
// testFun1..testFun4 are the article's functions as written, with two changes only:
//   - the URL is the local LeakBench target (targetURL) instead of https://www.baidu.com;
//   - main runs one test chosen by -test (1..4), so that each test runs in its own process as the
//     article's numbers (11 / 1 / 3 / 3) assume; -test all runs the article's main unchanged
//     (all four in one process, where the leaks of testFun1 carry into the later tests).
//
// The article's text lost its line breaks and the "time" import; both are restored here (gofmt). The functions still use
// ioutil.ReadAll, as the article does (deprecated since Go 1.16, but it is the article's code).
//
// After the test has printed its goroutine count, main prints a line for LeakBench and keeps the
// process (and its sockets) alive until stdin sends a line or closes, so that LeakBench can count
// the process's TCP connections in the OS socket table while they still exist.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io/ioutil"
	"net/http"
	"os"
	"runtime"
	"time"
)

// The article requests "https://www.baidu.com"; here it is the target LeakBench started (-url).
var targetURL string

// 测试1:不执行resp.Body.Close(),也不执行ioutil.ReadAll(resp.Body)
func testFun1() {
	for i := 0; i < 5; i++ {
		_, err := http.Get(targetURL)
		if err != nil {
			fmt.Println("testFun1 http.Get err: ", err)
			return
		}
	}
	time.Sleep(time.Second * 1)
	fmt.Println("testFun1() 当前goroutine数量=", runtime.NumGoroutine())
}

// 测试2:执行resp.Body.Close(),不执行ioutil.ReadAll(resp.Body)
func testFun2() {
	for i := 0; i < 5; i++ {
		resp, err := http.Get(targetURL)
		if err != nil {
			fmt.Println("testFun2 http.Get err: ", err)
			return
		}
		resp.Body.Close() // 执行resp.Body.Close()
	}
	// Close()过程需要一定时间,如果直接输出goroutine数量,可能出现连接还未完全回收的情况,结果有时为1有时为3
	// 因此,为了结果的准确性,我们这里休眠等待1秒,使得连接完全被回收。
	time.Sleep(time.Second * 1)
	fmt.Println("testFun2() 当前goroutine数量=", runtime.NumGoroutine())
}

// 测试3:不执行resp.Body.Close(),执行ioutil.ReadAll(resp.Body)
func testFun3() {
	for i := 0; i < 5; i++ {
		resp, err := http.Get(targetURL)
		if err != nil {
			fmt.Println("testFun3 http.Get err: ", err)
			return
		}
		_, _ = ioutil.ReadAll(resp.Body) // 执行ioutil.ReadAll(resp.Body)
	}
	time.Sleep(time.Second * 1)
	fmt.Println("testFun3() 当前goroutine数量=", runtime.NumGoroutine())
}

// 测试4:执行resp.Body.Close(),也执行ioutil.ReadAll(resp.Body)
func testFun4() {
	for i := 0; i < 5; i++ {
		resp, err := http.Get(targetURL)
		if err != nil {
			fmt.Println("testFun4 http.Get err: ", err)
			return
		}
		_, _ = ioutil.ReadAll(resp.Body) // 执行ioutil.ReadAll(resp.Body)
		resp.Body.Close()                // 执行resp.Body.Close()
	}
	time.Sleep(time.Second * 1)
	fmt.Println("testFun4() 当前goroutine数量=", runtime.NumGoroutine())
}

func main() {
	test := flag.String("test", "", "which of the article's tests to run: 1, 2, 3, 4, or all (the article's main)")
	flag.StringVar(&targetURL, "url", "", "the URL every http.Get requests (the LeakBench target)")
	flag.Parse()
	if targetURL == "" {
		fmt.Fprintln(os.Stderr, "seed-go: -url is required")
		os.Exit(2)
	}

	switch *test {
	case "1":
		testFun1()
	case "2":
		testFun2()
	case "3":
		testFun3()
	case "4":
		testFun4()
	case "all":
		// The article's main, unchanged.
		testFun1()
		testFun2()
		testFun3()
		testFun4()
	default:
		fmt.Fprintf(os.Stderr, "seed-go: -test must be 1, 2, 3, 4 or all, got %q\n", *test)
		os.Exit(2)
	}

	// The connections are counted now, from outside, while this process still holds them.
	fmt.Printf("LEAKBENCH_GO_WAITING version=%s pid=%d\n", runtime.Version(), os.Getpid())
	_, _ = bufio.NewReader(os.Stdin).ReadString('\n')
}
