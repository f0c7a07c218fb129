# Shared by install.sh and uninstall.sh: every change goes through run (a plain command) or run_sh
# (a pipeline or redirection, as one string), printed as sh would read it back, so a dry run
# (DRY_RUN=1) can be copied and pasted. Sourced, not run.

quote() {
    case "$1" in
        *[!A-Za-z0-9_./=:,@%+-]* | "") printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")" ;;
        *) printf '%s' "$1" ;;
    esac
}
run() {
    line="+"
    for arg in "$@"; do line="$line $(quote "$arg")"; done
    echo "$line"
    [ "$DRY_RUN" -eq 1 ] || "$@"
}
run_sh() {
    echo "+ $1"
    [ "$DRY_RUN" -eq 1 ] || sh -c "$1"
}
