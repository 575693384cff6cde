// libedit for drill's prompt, loaded with dlopen only when standard input is a terminal:
// a drill fed through a pipe never maps the library (nor libtinfo and libbsd behind it), so
// start-up stays as fast as before. The header (libedit-dev) gives the types and constants;
// the functions are looked up at run time, and the variadic ones (el_set, history) are
// called from C, where their calling convention is right on every platform.
#ifndef DRILL_CEDITLINE_H
#define DRILL_CEDITLINE_H

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#if __has_include(<histedit.h>)
#include <histedit.h>

/// The libedit functions drill uses, looked up in the loaded library.
typedef struct drill_editline {
    void *library;
    EditLine *(*el_init)(const char *, FILE *, FILE *, FILE *);
    void (*el_end)(EditLine *);
    const char *(*el_gets)(EditLine *, int *);
    int (*el_set)(EditLine *, int, ...);
    int (*el_source)(EditLine *, const char *);
    void (*el_resize)(EditLine *);
    History *(*history_init)(void);
    void (*history_end)(History *);
    int (*history)(History *, HistEvent *, int, ...);
    EditLine *editor;
    History *remembered;
} drill_editline;

/// The prompt libedit draws: a function without context, so the text comes from the caller.
typedef char *(*drill_editline_prompt)(EditLine *);

/// Loads libedit and starts an editor reading standard input and drawing on standard output
/// (standard error when `drawOnStandardError`), with emacs keys, the user's ~/.editrc and an
/// in-memory history; NULL when libedit is not installed.
static inline drill_editline *drill_editline_start(const char *program, int drawOnStandardError,
                                                   drill_editline_prompt prompt, int historySize) {
    static const char *const names[] = { "libedit.so.2", "libedit.so.0", "libedit.so", "libedit.3.dylib", "libedit.dylib", NULL };
    void *library = NULL;
    for (int index = 0; names[index] != NULL && library == NULL; index++) {
        library = dlopen(names[index], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) return NULL;
    drill_editline *api = calloc(1, sizeof(drill_editline));
    if (api == NULL) { dlclose(library); return NULL; }
    api->library = library;
    *(void **)&api->el_init = dlsym(library, "el_init");
    *(void **)&api->el_end = dlsym(library, "el_end");
    *(void **)&api->el_gets = dlsym(library, "el_gets");
    *(void **)&api->el_set = dlsym(library, "el_set");
    *(void **)&api->el_source = dlsym(library, "el_source");
    *(void **)&api->el_resize = dlsym(library, "el_resize");
    *(void **)&api->history_init = dlsym(library, "history_init");
    *(void **)&api->history_end = dlsym(library, "history_end");
    *(void **)&api->history = dlsym(library, "history");
    if (!api->el_init || !api->el_end || !api->el_gets || !api->el_set || !api->el_source || !api->el_resize
        || !api->history_init || !api->history_end || !api->history) {
        dlclose(library);
        free(api);
        return NULL;
    }
    api->editor = api->el_init(program, stdin, drawOnStandardError ? stderr : stdout, stderr);
    api->remembered = api->history_init();
    if (api->editor == NULL || api->remembered == NULL) {
        if (api->editor) api->el_end(api->editor);
        if (api->remembered) api->history_end(api->remembered);
        dlclose(library);
        free(api);
        return NULL;
    }
    HistEvent event;
    api->history(api->remembered, &event, H_SETSIZE, historySize);
    api->history(api->remembered, &event, H_SETUNIQUE, 1);
    api->el_set(api->editor, EL_EDITOR, "emacs");
    // drill keeps its own Ctrl-C handling (the run is saved, then exit 130): libedit must not
    // install signal handlers of its own.
    api->el_set(api->editor, EL_SIGNAL, 0);
    // Styling escape sequences in the prompt are bracketed by \1 so they take no columns.
    api->el_set(api->editor, EL_PROMPT_ESC, prompt, '\1');
    api->el_set(api->editor, EL_HIST, api->history, api->remembered);
    api->el_source(api->editor, NULL);
    return api;
}

/// Reads one line (with its newline) after drawing the prompt; NULL at end of input (Ctrl-D
/// on an empty line). The terminal's size is read again first: it may have changed.
static inline const char *drill_editline_gets(drill_editline *api, int *count) {
    api->el_resize(api->editor);
    return api->el_gets(api->editor, count);
}

/// Adds a line to the history the up arrow walks.
static inline void drill_editline_remember(drill_editline *api, const char *line) {
    HistEvent event;
    api->history(api->remembered, &event, H_ENTER, line);
}

/// Restores the terminal and frees the editor (the library stays loaded).
static inline void drill_editline_end(drill_editline *api) {
    api->el_end(api->editor);
    api->history_end(api->remembered);
    free(api);
}

#else
// Built without libedit's header (`make deps` installs libedit-dev): prompts read plain lines.
typedef struct editline EditLine;
typedef struct drill_editline { int unused; } drill_editline;
typedef char *(*drill_editline_prompt)(EditLine *);
static inline drill_editline *drill_editline_start(const char *program, int drawOnStandardError,
                                                   drill_editline_prompt prompt, int historySize) { return NULL; }
static inline const char *drill_editline_gets(drill_editline *api, int *count) { *count = 0; return NULL; }
static inline void drill_editline_remember(drill_editline *api, const char *line) {}
static inline void drill_editline_end(drill_editline *api) {}
#endif

#endif
