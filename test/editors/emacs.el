;;; emacs.el --- eglot against the built k8s-platforms language server  -*- lexical-binding: t -*-

;; A real LSP client that is not VS Code: batch Emacs with eglot (built in from Emacs 29, Debian's
;; elpa-eglot 1.9 on Emacs 28) starts the server over stdio with the README's configuration, opens
;; the files named on the command line, and prints what a user would see: the Flymake diagnostics
;; eglot made of the server's, and the hover text at given tokens.  test/editors/emacs.test.ts
;; runs it and checks the lines:
;;
;;   emacs --batch -Q -l test/editors/emacs.el FILE... --eval '(k8s-run-safely)'
;;
;; with `k8s-platforms-language-server' on PATH and in the environment:
;;   K8S_WAIT_FOR  codes every file must have among its diagnostics before they are printed
;;   K8S_HOVER     FILE-NAME=TOKEN;... tokens to hover (in the middle of their first occurrence)
;;   K8S_ELPA      Debian's ELPA directory (default /usr/share/emacs/site-lisp/elpa), activated
;;                 as the normal startup does, since -Q leaves it out
;;
;; Output, one line each:
;;   server FILE-NAME PID                         the server process that manages FILE-NAME
;;   diagnostic FILE-NAME LINE:COL CODE TYPE      1-based, where Flymake put it
;;   configuration SECTION JSON                   a workspace/configuration item and eglot's answer
;;   hover FILE-NAME LINE:COL TEXT                TEXT with newlines as \n
;;   emacs.el: ok
;; Exit code 0 when it got that far; otherwise 1 with the reason on stderr.

(require 'cl-lib)
(require 'package)

(defconst k8s-timeout 15 "Seconds to wait for the server's diagnostics.")

;; Debian's elpa-eglot and its dependencies live in site-lisp/elpa, which -Q leaves off.
(let ((elpa (or (getenv "K8S_ELPA") "/usr/share/emacs/site-lisp/elpa")))
  (when (file-directory-p elpa)
    (setq package-directory-list (list elpa)
          package-user-dir (expand-file-name "elpa" user-emacs-directory))
    (package-initialize)))

;; yaml-mode is a separate package, not in emacs-nox; a stand-in of the same name lets the README's
;; mode list be used as written.
(unless (fboundp 'yaml-mode)
  (define-derived-mode yaml-mode text-mode "YAML" "Stand-in for the yaml-mode package.")
  (add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode)))

;; The README's Emacs snippet, as written there.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '((yaml-mode yaml-ts-mode makefile-mode makefile-gmake-mode
                  dockerfile-mode dockerfile-ts-mode sh-mode bash-ts-mode)
                 . ("k8s-platforms-language-server" "--stdio"
                    :initializationOptions (:workspaceTrusted t)))))
;; requiredTier 1 where the README has 3: a below-required-tier finding for a tier-2 platform then
;; shows that the server read this through workspace/configuration.
(setq-default eglot-workspace-configuration
              '(:k8sPlatforms (:requiredTier 1)))

(unless (require 'eglot nil t)
  (message "emacs.el: eglot is not installed: it is built into Emacs 29+; on Debian 12 (Emacs 28), apt-get install -y elpa-eglot")
  (kill-emacs 1))

(require 'json)

;; What the server asks through workspace/configuration and what eglot answers, for the output:
;; eglot also pushes the same settings in workspace/didChangeConfiguration, so a finding that
;; depends on them does not show by itself which way they went.
(defvar k8s--configuration nil "((SECTION . ANSWER) ...), newest first.")
(define-advice eglot-handle-request (:around (handle server method &rest params) k8s-record)
  (let ((answer (apply handle server method params)))
    (when (eq method 'workspace/configuration)
      (cl-loop for item across (plist-get params :items)
               for value across answer
               do (push (cons (plist-get item :section) value) k8s--configuration)))
    answer))

(defun k8s--fail (format-string &rest args)
  (message "emacs.el: %s" (apply #'format format-string args))
  (kill-emacs 1))

(defun k8s--lsp-diag (diag)
  "The LSP Diagnostic object eglot made the Flymake DIAG from."
  (alist-get 'eglot-lsp-diag (flymake-diagnostic-data diag)))

(defun k8s--codes (buffer)
  (with-current-buffer buffer
    (mapcar (lambda (d) (format "%s" (plist-get (k8s--lsp-diag d) :code)))
            (flymake-diagnostics))))

(defun k8s--position (pos)
  (save-excursion
    (goto-char pos)
    (format "%d:%d" (line-number-at-pos) (1+ (current-column)))))

(defun k8s--hover-text (contents)
  "MarkupContent, a MarkedString, or a list of MarkedStrings, as plain text."
  (cond ((stringp contents) contents)
        ((plist-get contents :value))
        ((sequencep contents) (mapconcat #'k8s--hover-text contents "\n"))
        (t (format "%S" contents))))

(defun k8s--hovers ()
  "K8S_HOVER as a list of (FILE-NAME . TOKEN)."
  (let ((spec (getenv "K8S_HOVER")))
    (when (and spec (not (string-empty-p spec)))
      (mapcar (lambda (item)
                (let ((at (string-match "=" item)))
                  (cons (substring item 0 at) (substring item (1+ at)))))
              (split-string spec ";" t)))))

(defun k8s-run ()
  (let* ((wanted (split-string (or (getenv "K8S_WAIT_FOR") "") " " t))
         (buffers (cl-remove-if-not #'buffer-file-name (buffer-list)))
         servers)
    (unless buffers (k8s--fail "no files were opened"))
    ;; What eglot-ensure does once the buffer is shown: start a server unless one already
    ;; manages the buffer (the first one takes up every open buffer of its modes).
    (dolist (buffer buffers)
      (with-current-buffer buffer
        (unless (eglot-current-server)
          (apply #'eglot (eglot--guess-contact)))
        (let ((server (eglot-current-server)))
          (unless server (k8s--fail "eglot did not start a server for %s" (buffer-name)))
          (cl-pushnew server servers))))
    ;; Wait for the diagnostics: Flymake asks eglot's backend, which hands over what the server
    ;; published.  A batch Emacs has no commands or idle time to start Flymake, so start it here.
    (let ((deadline (+ (float-time) k8s-timeout))
          done)
      (while (and (not done) (< (float-time) deadline))
        (accept-process-output nil 0.1)
        (dolist (server servers)
          (unless (jsonrpc-running-p server)
            (k8s--fail "the language server exited: %s"
                       (process-exit-status (jsonrpc--process server)))))
        (setq done t)
        (dolist (buffer buffers)
          (unless (cl-subsetp wanted (k8s--codes buffer) :test #'string=)
            (setq done nil)
            (with-current-buffer buffer (flymake-start)))))
      (unless done
        (dolist (buffer buffers)
          (message "emacs.el: %s has %S" (buffer-name buffer) (k8s--codes buffer)))
        (k8s--fail "no %s in every file within %d s" wanted k8s-timeout)))
    (dolist (buffer buffers)
      (with-current-buffer buffer
        (princ (format "server %s %s\n" (buffer-name)
                       (process-id (jsonrpc--process (eglot-current-server)))))
        (dolist (d (sort (flymake-diagnostics)
                         (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
          (let ((lsp (k8s--lsp-diag d)))
            (princ (format "diagnostic %s %s %s %s %s\n"
                           (buffer-name) (k8s--position (flymake-diagnostic-beg d))
                           (plist-get lsp :code) (flymake-diagnostic-type d)
                           (plist-get lsp :source)))))))
    (dolist (asked (reverse k8s--configuration))
      (princ (format "configuration %s %s\n" (car asked)
                     (let ((json-null nil)) (json-encode (cdr asked))))))
    ;; Hover, as eglot's eldoc function asks for it.
    (dolist (hover (k8s--hovers))
      (let ((buffer (get-buffer (car hover))))
        (unless buffer (k8s--fail "no buffer %s to hover in" (car hover)))
        (with-current-buffer buffer
          (goto-char (point-min))
          (unless (search-forward (cdr hover) nil t)
            (k8s--fail "%s has no %s" (car hover) (cdr hover)))
          (goto-char (+ (match-beginning 0) (/ (length (cdr hover)) 2)))
          (let* ((result (jsonrpc-request (eglot-current-server) :textDocument/hover
                                          (eglot--TextDocumentPositionParams)
                                          :timeout k8s-timeout))
                 (text (and result (k8s--hover-text (plist-get result :contents)))))
            (princ (format "hover %s %s %s\n" (car hover) (k8s--position (point))
                           (replace-regexp-in-string "\n" "\\\\n" (or text ""))))))))
    ;; Shut the servers down as M-x eglot-shutdown does.
    (dolist (server servers)
      (eglot-shutdown server nil 5))
    (princ "emacs.el: ok\n")
    (kill-emacs 0)))

(defun k8s-run-safely ()
  (condition-case err
      (k8s-run)
    (error (k8s--fail "%s" (error-message-string err)))))

;;; emacs.el ends here
