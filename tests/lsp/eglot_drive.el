;;; eglot_drive.el --- drive Emacs's Eglot against `agreed lsp' -*- lexical-binding: t -*-

;; Loaded after the README's Emacs snippet, in `emacs --batch': opens the agreement named by $DRIVE_AGREEMENT,
;; waits for Eglot to connect and for the server's diagnostics (through Flymake, as Eglot shows them), asks for a
;; hover, completions and the code actions on one line, applies the action whose title holds $DRIVE_APPLY, waits
;; for the diagnostics of the edited buffer, and writes what it got as JSON to $DRIVE_RESULT, in the shape
;; nvim_drive.lua writes (tests/lsp/test_editors.py reads both).  Positions are 0-based lines and columns.

(require 'json)
(require 'subr-x)

(defconst drive-wait-seconds 20)
(defvar drive-report nil)
(defvar drive-published 0 "How many times the server has published diagnostics.")

(advice-add 'eglot-handle-notification :after
            (lambda (_server method &rest _)
              (when (eq method 'textDocument/publishDiagnostics)
                (setq drive-published (1+ drive-published)))))

(defun drive-put (key value)
  (push (cons key value) drive-report))

(defun drive-wait (predicate)
  "Let Emacs read the server's messages and run its timers until PREDICATE holds, or the wait is over."
  (let ((deadline (+ (float-time) drive-wait-seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall predicate)))

(defun drive-position (variable)
  "Point at the 0-based \"LINE,COLUMN\" of the environment VARIABLE."
  (let ((parts (mapcar #'string-to-number (split-string (getenv variable) ","))))
    (save-excursion
      (goto-char (point-min))
      (forward-line (car parts))
      (forward-char (cadr parts))
      (point))))

(defun drive-line-column (position)
  (save-excursion
    (goto-char position)
    (cons (1- (line-number-at-pos)) (current-column))))

(defun drive-diagnostics ()
  (vconcat
   (mapcar (lambda (diagnostic)
             (let ((start (drive-line-column (flymake-diagnostic-beg diagnostic)))
                   (end (drive-line-column (flymake-diagnostic-end diagnostic)))
                   (text (flymake-diagnostic-text diagnostic)))
               `((line . ,(car start)) (col . ,(cdr start)) (end_line . ,(car end)) (end_col . ,(cdr end))
                 (message . ,text)
                 (source . ,(and (string-match "\\`\\([^ ]+\\) \\[\\([^]]+\\)\\]" text) (match-string 1 text)))
                 (code . ,(and (string-match "\\`[^ ]+ \\[\\([^]]+\\)\\]" text) (match-string 1 text))))))
           (flymake-diagnostics))))

(defun drive-ask (method params)
  (jsonrpc-request (eglot-current-server) method params))

(defun drive-at (position)
  (list :textDocument (eglot--TextDocumentIdentifier) :position (eglot--pos-to-lsp-position position)))

(defun drive ()
  (find-file (getenv "DRIVE_AGREEMENT"))
  (run-hooks 'post-command-hook)  ; where `eglot-ensure' starts the server, after the command that opened the file
  (drive-put 'filetype (string-remove-suffix "-mode" (symbol-name major-mode)))
  (drive-put 'version emacs-version)
  (when (drive-wait #'eglot-current-server)
    (let ((server (eglot-current-server)))
      (drive-put 'clients (vector `((name . ,(car (process-command (jsonrpc--process server))))
                                    (root . ,(directory-file-name
                                              (expand-file-name (project-root (eglot--project server))))))))
      (drive-wait #'flymake-diagnostics)
      (drive-put 'diagnostics (drive-diagnostics))
      (drive-put 'hover (plist-get (drive-ask :textDocument/hover (drive-at (drive-position "DRIVE_HOVER")))
                                   :contents))
      (let ((completion (drive-ask :textDocument/completion (drive-at (drive-position "DRIVE_COMPLETE")))))
        (drive-put 'completion (vconcat (mapcar (lambda (item) (plist-get item :label))
                                                (if (vectorp completion) completion
                                                  (plist-get completion :items))))))
      (let* ((start (drive-position "DRIVE_FIX"))
             (end (save-excursion (goto-char start) (line-end-position)))
             (actions (drive-ask :textDocument/codeAction
                                 (list :textDocument (eglot--TextDocumentIdentifier)
                                       :range (list :start (eglot--pos-to-lsp-position start)
                                                    :end (eglot--pos-to-lsp-position end))
                                       :context (list :diagnostics []))))
             (chosen (seq-find (lambda (action)
                                 (string-search (getenv "DRIVE_APPLY") (plist-get action :title)))
                               actions)))
        (drive-put 'actions (vconcat (mapcar (lambda (action) (plist-get action :title)) actions)))
        (when chosen
          (let ((seen drive-published))
            (eglot--apply-workspace-edit (plist-get chosen :edit))
            (eglot--signal-textDocument/didChange)
            (drive-wait (lambda () (> drive-published seen))))
          (flymake-start)  ; Flymake's idle timers do not run in batch: ask Eglot for what the server published
          (drive-put 'lines_after (vconcat (split-string (buffer-string) "\n")))
          (drive-put 'diagnostics_after (drive-diagnostics)))))))

(condition-case failure
    (drive)
  (error (drive-put 'error (format "%S" failure))))
(with-temp-file (getenv "DRIVE_RESULT")
  (insert (json-encode drive-report)))
(kill-emacs 0)
